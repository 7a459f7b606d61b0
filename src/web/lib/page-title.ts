import { useDocumentTitle } from '@mantine/hooks';

/**
 * The browser tab's title: the page first, so a row of tabs, the history and bookmarks tell pages
 * apart; the product after. Until the page knows its subject (a user's name), the product alone.
 */
export function usePageTitle(page: string | undefined): void {
  useDocumentTitle(page ? `${page} · Seatkeeper` : 'Seatkeeper');
}
