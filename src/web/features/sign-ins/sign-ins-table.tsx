import { Table, VisuallyHidden } from '@mantine/core';
import type { SignIn } from '../../../contract/sign-ins';
import { viewerTimeZone } from '../../lib/format-date';
import { SkeletonRows } from '../activity/skeleton-rows';
import { SIGN_IN_COLUMNS, type SignInColumnId } from './sign-in-columns';
import { SignInRow } from './sign-in-row';

const SKELETON_ROWS = 8;

interface SignInsTableProps {
  signIns: SignIn[];
  loading: boolean;
  columns: readonly SignInColumnId[];
  appNames: ReadonlyMap<string, string>;
  onOpen: (id: string) => void;
}

export function SignInsTable({ signIns, loading, columns, appNames, onOpen }: SignInsTableProps) {
  const headers = SIGN_IN_COLUMNS.filter((column) => columns.includes(column.id));
  return (
    <Table.ScrollContainer minWidth={headers.reduce((sum, column) => sum + column.minWidth, 0)}>
      <Table verticalSpacing="sm" highlightOnHover aria-busy={loading}>
        <VisuallyHidden component="caption">
          Sign-in attempts, newest first. Press Enter on a row for its details.
        </VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            {headers.map((column) => (
              <Table.Th key={column.id} scope="col" miw={column.minWidth}>
                {column.id === 'time' ? `Time (${viewerTimeZone()})` : column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading ? (
            <SkeletonRows rows={SKELETON_ROWS} columns={headers.length} cellWidth={() => '75%'} />
          ) : (
            signIns.map((signIn) => (
              <SignInRow key={signIn.id} signIn={signIn} columns={columns} appNames={appNames} onOpen={onOpen} />
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
