import { Center, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';

interface ChartLoadBoundaryProps {
  children: ReactNode;
}

/**
 * A drawing whose code could not be fetched (offline, or the console was updated since the page loaded) leaves a
 * sentence in its place; the chart's summary and the report's table stay, instead of the whole page failing.
 */
export class ChartLoadBoundary extends Component<ChartLoadBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Center h="100%">
        <Text size="sm" c="dimmed">
          The chart could not be loaded. Reload the page to try again.
        </Text>
      </Center>
    );
  }
}
