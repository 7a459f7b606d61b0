import { Center, Loader } from '@mantine/core';

export function PageLoader({ label }: { label: string }) {
  return (
    <Center mih="40vh" role="status" aria-live="polite">
      <Loader aria-label={label} />
    </Center>
  );
}
