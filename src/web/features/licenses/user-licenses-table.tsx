import { Table, VisuallyHidden } from '@mantine/core';
import type { License } from '../../../contract/licenses';
import { viewerTimeZone } from '../../lib/format-date';
import { useWideTableMinWidth, WIDE_FROM } from '../../lib/phone-layout';
import { UserLicenseRow } from './user-license-row';

export function UserLicensesTable({ licenses, user }: { licenses: License[]; user: { id: string; name: string } }) {
  const minWidth = useWideTableMinWidth(720);
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={`Seats ${user.name} holds`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Product</Table.Th>
            <Table.Th scope="col" visibleFrom={WIDE_FROM}>
              Assigned ({viewerTimeZone()})
            </Table.Th>
            <Table.Th scope="col">Subscription</Table.Th>
            <Table.Th scope="col" visibleFrom={WIDE_FROM}>
              Last used
            </Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {licenses.map((license) => (
            <UserLicenseRow key={license.subscriptionId} license={license} user={user} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
