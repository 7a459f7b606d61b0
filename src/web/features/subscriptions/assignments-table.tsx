import { Table, VisuallyHidden } from '@mantine/core';
import type { Assignment } from '../../../contract/subscriptions';
import { viewerTimeZone } from '../../lib/format-date';
import { useWideTableMinWidth, WIDE_FROM } from '../../lib/phone-layout';
import { AssignmentRow } from './assignment-row';

export function AssignmentsTable({ assignments, productName }: { assignments: Assignment[]; productName: string }) {
  const minWidth = useWideTableMinWidth(640);
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={`Seat holders of ${productName}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Holder</Table.Th>
            <Table.Th scope="col" visibleFrom={WIDE_FROM}>
              Assigned ({viewerTimeZone()})
            </Table.Th>
            <Table.Th scope="col" visibleFrom={WIDE_FROM}>
              Last used
            </Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {assignments.map((assignment) => (
            <AssignmentRow key={assignment.id} assignment={assignment} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
