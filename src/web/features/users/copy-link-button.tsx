import { ActionIcon, CopyButton, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

interface CopyLinkButtonProps {
  url: string;
  /** What a screen reader hears before and after copying; the tooltip says it for everyone else. */
  copyLabel: string;
  copiedLabel: string;
}

/** An invitation link's copy icon, turning to a check for 2 s once copied. */
export function CopyLinkButton({ url, copyLabel, copiedLabel }: CopyLinkButtonProps) {
  return (
    <CopyButton value={url} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : 'Copy link'} withArrow>
          <ActionIcon
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            onClick={copy}
            aria-label={copied ? copiedLabel : copyLabel}
          >
            {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}
