/** The public entry of notifications: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */

export { countPendingNotifications, type PendingNotifications } from './count-pending-notifications.ts';
export { createNotificationWorkers, NOTIFICATION_TICK_MS, type NotificationWorkers } from './notification-workers.ts';
export { alertEventData, alertEventType, queueAlertNotifications } from './queue-alert-notifications.ts';
export { queuePasswordResetMail } from './queue-password-reset-mail.ts';
export { queueSeatEvents, SEAT_EVENT_TYPES, type SeatEvent, type SeatEventType } from './queue-seat-events.ts';
export { notMeLink, queueSignInConfirmation, SIGN_IN_CONFIRMATION_TTL_MS } from './queue-sign-in-confirmation.ts';
export { MAX_EMAIL_ATTEMPTS } from './send-emails.ts';
export { findSignInConfirmation, markSignInConfirmationUsed } from './sign-in-confirmations.repository.ts';
export { refusedAddressReason } from './webhook-address.ts';
export { SECRET_ROTATION_OVERLAP_MS, WEBHOOK_RETRY_DELAYS_MS } from './webhook-message.ts';
