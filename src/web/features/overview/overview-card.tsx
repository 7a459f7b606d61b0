import { Anchor, Card, Group, Stack, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { type ReactNode, useId } from 'react';
import { Link } from 'react-router';

interface OverviewCardProps {
  title: string;
  /** Where to look closer, e.g. the report behind the figure. */
  link?: { to: string; label: string };
  children: ReactNode;
}

/** One tile of the overview: a heading, its figures, and a link to the page behind them. */
export function OverviewCard({ title, link, children }: OverviewCardProps) {
  const id = useId();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id} h="100%">
      <Stack gap="sm" h="100%">
        <Title order={2} size="h5" id={id} c="dimmed" tt="uppercase" fz="xs" lts={0.5}>
          {title}
        </Title>
        <Stack gap="sm" style={{ flex: 1 }}>
          {children}
        </Stack>
        {link && (
          <Anchor component={Link} to={link.to} size="sm">
            <Group gap={4} component="span">
              {link.label}
              <IconArrowRight size={14} aria-hidden />
            </Group>
          </Anchor>
        )}
      </Stack>
    </Card>
  );
}
