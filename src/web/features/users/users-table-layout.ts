/**
 * From this Mantine breakpoint up the users list is a table of columns; below it (phones, narrow windows,
 * where the navigation and eight columns would not fit) each user folds into one cell.
 */
export const FULL_TABLE_FROM = 'lg';
