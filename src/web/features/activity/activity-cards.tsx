import type { ActivityItem } from '../../../contract/activity';
import { ActivityCard } from './activity-card';
import { CardList } from './card-list';

interface ActivityCardsProps {
  items: ActivityItem[];
  loading: boolean;
  appNames?: ReadonlyMap<string, string>;
  onOpenSignIn?: (id: string) => void;
}

/** The phone's list of activity, newest first, instead of a table wider than the screen. */
export function ActivityCards({ items, loading, appNames, onOpenSignIn }: ActivityCardsProps) {
  return (
    <CardList
      label="Sign-in attempts and app sessions, newest first"
      loading={loading}
      loadingLabel="Loading activity"
      skeletonHeight={140}
    >
      {items.map((item) => (
        <ActivityCard key={item.id} item={item} appNames={appNames} onOpenSignIn={onOpenSignIn} />
      ))}
    </CardList>
  );
}
