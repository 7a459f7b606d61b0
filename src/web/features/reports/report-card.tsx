import { Anchor, Card, Group, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { ReportDefinition } from './report-catalogue';

/** A report in the catalogue: its name (the link), what it tells, and its settings. */
export function ReportCard({ report }: { report: ReportDefinition }) {
  const Icon = report.icon;
  const headingId = `report-${report.name}`;
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={headingId}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" size="lg" aria-hidden>
          <Icon size={20} />
        </ThemeIcon>
        <div>
          <Title order={2} size="h4" id={headingId}>
            <Anchor component={Link} to={`/reports/${report.name}`} inherit>
              {report.title}
            </Anchor>
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {report.description}
          </Text>
        </div>
      </Group>
    </Card>
  );
}
