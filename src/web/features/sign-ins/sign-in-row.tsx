import { Table } from '@mantine/core';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { SignIn } from '../../../contract/sign-ins';
import { signInCell } from './sign-in-cells';
import type { SignInColumnId } from './sign-in-columns';

interface SignInRowProps {
  signIn: SignIn;
  columns: readonly SignInColumnId[];
  appNames: ReadonlyMap<string, string>;
  onOpen: (id: string) => void;
}

/**
 * A row opens the sign-in's drawer when clicked, or when focused (Tab) and Enter or Space is pressed; links in it
 * (the user's name) still go where they say. The drawer gives focus back to the row when it closes.
 */
export function SignInRow({ signIn, columns, appNames, onOpen }: SignInRowProps) {
  const onClick = (event: MouseEvent<HTMLTableRowElement>) => {
    if ((event.target as HTMLElement).closest('a, button')) return;
    onOpen(signIn.id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    onOpen(signIn.id);
  };
  return (
    <Table.Tr
      tabIndex={0}
      onClick={onClick}
      onKeyDown={onKeyDown}
      data-sign-in-id={signIn.id}
      className="mantine-focus-auto"
      style={{ cursor: 'pointer', outlineOffset: -2 }}
    >
      {columns.map((column) => (
        <Table.Td key={column}>{signInCell(column, signIn, appNames)}</Table.Td>
      ))}
    </Table.Tr>
  );
}
