import { Table, VisuallyHidden } from '@mantine/core';
import type { Assignment } from '../../../contract/subscriptions';
import { viewerTimeZone } from '../../lib/format-date';
import { AssignmentRow } from './assignment-row';

export function AssignmentsTable({ assignments, productName }: { assignments: Assignment[]; productName: string }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={`Seat holders of ${productName}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Holder</Table.Th>
            <Table.Th scope="col">Assigned ({viewerTimeZone()})</Table.Th>
            <Table.Th scope="col">Last used</Table.Th>
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
