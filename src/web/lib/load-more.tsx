import { Button, Group } from '@mantine/core';
import { ProblemAlert } from './problem-alert';

/** The parts of an infinite query (TanStack) that loading its next page needs. */
interface PagedQuery {
  error: unknown;
  isFetchNextPageError: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** Under a paged list: why the next page failed, if it did, and the button that loads it while there is one. */
export function LoadMore({ query }: { query: PagedQuery }) {
  return (
    <>
      {query.isFetchNextPageError && <ProblemAlert error={query.error} />}
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      )}
    </>
  );
}
