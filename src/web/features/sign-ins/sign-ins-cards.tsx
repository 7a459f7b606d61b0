import type { SignIn } from '../../../contract/sign-ins';
import { CardList } from '../activity/card-list';
import { SignInCard } from './sign-in-card';

interface SignInsCardsProps {
  signIns: SignIn[];
  loading: boolean;
  appNames: ReadonlyMap<string, string>;
  onOpen: (id: string) => void;
}

/** The phone's list of sign-ins, newest first. */
export function SignInsCards({ signIns, loading, appNames, onOpen }: SignInsCardsProps) {
  return (
    <CardList
      label="Sign-in attempts, newest first"
      loading={loading}
      loadingLabel="Loading sign-ins"
      skeletonHeight={150}
    >
      {signIns.map((signIn) => (
        <SignInCard key={signIn.id} signIn={signIn} appNames={appNames} onOpen={onOpen} />
      ))}
    </CardList>
  );
}
