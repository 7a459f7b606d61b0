export type Role = 'owner' | 'member';

/** The user as the login and invitation answers carry it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgId: string;
}

export interface MeUser extends SessionUser {
  status: 'active' | 'deactivated';
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Organization {
  id: string;
  name: string;
  timeZone: string;
}

export interface Me {
  user: MeUser;
  organization: Organization;
  csrfToken: string;
}

export interface SignInAnswer {
  user: SessionUser;
  csrfToken: string;
}

export interface InvitationPreview {
  email: string;
  name: string;
  organizationName: string;
  /** The user already has a password: the link sets a new one. */
  replacesPassword: boolean;
  expiresAt: string;
}
