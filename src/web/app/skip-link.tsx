import { Anchor } from '@mantine/core';

/** First stop for keyboard users: jump over header and navigation straight to the page. */
export function SkipLink({ target }: { target: string }) {
  return (
    <Anchor
      href={`#${target}`}
      pos="fixed"
      top={8}
      left={8}
      px="sm"
      py={4}
      bg="white"
      style={{ zIndex: 1000, transform: 'translateY(-200%)', transition: 'transform 120ms' }}
      onFocus={(event) => {
        event.currentTarget.style.transform = 'none';
      }}
      onBlur={(event) => {
        event.currentTarget.style.transform = 'translateY(-200%)';
      }}
    >
      Skip to content
    </Anchor>
  );
}
