import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';

/** A plain link, so the browser downloads the file itself and the session cookie goes with it. */
export function CsvDownloadButton({ href }: { href: string }) {
  return (
    <Button
      component="a"
      href={href}
      download
      variant="default"
      size="sm"
      leftSection={<IconDownload size={16} aria-hidden />}
    >
      Download CSV
    </Button>
  );
}
