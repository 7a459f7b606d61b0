import { Alert, Button, FileInput, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { IMPORT_MAX_CHARACTERS, IMPORT_MAX_ROWS, type ImportUsersResult } from '../../../contract/bulk-users';
import { ApiError } from '../../lib/api';
import { ProblemAlert } from '../../lib/problem-alert';
import { UnsavedChangesDialog } from '../../lib/unsaved-changes-dialog';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { ImportPreviewTable } from './import-preview-table';
import { ImportResult } from './import-result';
import { useApplyBulkChange } from './use-apply-bulk-change';
import { userCountLabel } from './user-count-label';
import { importUsers } from './users.api';

const MAX_FILE_BYTES = 240 * 1024;

/** A refused import's errors by line (the problem's `errors`, path `body/csv/line/N`). */
function lineErrors(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? []).map((item) => {
    const line = /line\/(\d+)$/.exec(item.path)?.[1];
    return line ? `Line ${line}: ${item.message}` : item.message;
  });
}

/**
 * Bulk add from a CSV file: choose the file, see every row as "will be added" or what is wrong with it, then
 * add them all at once (or nobody, if anything changed meanwhile); the new users' invitation links follow.
 * Mounted only while open, so its unsaved-changes guard is the page's only one then.
 */
export function ImportUsersModal({ onClose }: { onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const applyBulkChange = useApplyBulkChange();
  // On a phone the preview needs every pixel of the width.
  const phone = useMediaQuery('(max-width: 36em)');

  const preview = useMutation({ mutationFn: (text: string) => importUsers(text, true) });
  const commit = useMutation({
    mutationFn: (text: string) => importUsers(text, false),
    onSuccess: () => applyBulkChange(),
  });
  const done: ImportUsersResult | undefined = commit.data;
  const unsaved = useUnsavedChanges(csv !== null && !done);
  const close = () => unsaved.confirmDiscard(onClose);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setCsv(null);
    setReadError(null);
    preview.reset();
    commit.reset();
    if (!chosen) return;
    const text = await chosen.text();
    // The request carries the text as JSON under the server's 256 KB body limit; accents take two bytes each.
    if (text.length > IMPORT_MAX_CHARACTERS || new TextEncoder().encode(text).length > MAX_FILE_BYTES) {
      setReadError(`The file is too large: one import takes at most ${IMPORT_MAX_ROWS} users (about 200 KB).`);
      return;
    }
    setCsv(text);
    preview.mutate(text);
  };

  const result = preview.data;
  return (
    <Modal
      opened
      onClose={close}
      title={done ? 'Users added' : 'Add users from a CSV file'}
      size="xl"
      fullScreen={phone}
    >
      {done ? (
        <Stack gap="md">
          <ImportResult created={done.created} />
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <FileInput
            label="CSV file"
            placeholder="Choose a .csv file"
            accept=".csv,text/csv"
            leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
            description={`A first line naming the columns — email, name, role (owner or member; empty: member), product (a product’s name or key; empty: no seat) — then one user per line, at most ${IMPORT_MAX_ROWS}. Spreadsheets save this as “CSV UTF-8”.`}
            value={file}
            onChange={(chosen) => void choose(chosen)}
            clearable
            clearButtonProps={{ 'aria-label': 'Remove the file' }}
            error={readError}
            data-autofocus
          />
          {preview.isPending && (
            <Text size="sm" c="dimmed">
              Checking every row…
            </Text>
          )}
          {preview.isError && <ProblemAlert error={preview.error} />}
          {result && (
            <>
              <Text size="sm" aria-live="polite">
                {result.rows.length} {result.rows.length === 1 ? 'row' : 'rows'}: {result.valid} will be added
                {result.invalid > 0 ? `, ${result.invalid} ${result.invalid === 1 ? 'has' : 'have'} an error` : ''}.
              </Text>
              {result.invalid > 0 && (
                <Alert
                  color="orange"
                  icon={<IconAlertTriangle aria-hidden />}
                  title="Nothing is added until every row is right"
                >
                  Correct the rows marked below in the file, then choose it again. Or remove them to add the others.
                </Alert>
              )}
              <ImportPreviewTable rows={result.rows} />
            </>
          )}
          {commit.isError && (
            <Stack gap="xs">
              <ProblemAlert error={commit.error} />
              {lineErrors(commit.error).length > 0 && (
                <List size="sm" c="red">
                  {lineErrors(commit.error).map((line) => (
                    <List.Item key={line}>{line}</List.Item>
                  ))}
                </List>
              )}
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              onClick={() => csv && commit.mutate(csv)}
              loading={commit.isPending}
              disabled={!result || result.invalid > 0 || result.valid === 0}
            >
              {result && result.invalid === 0 ? `Add ${userCountLabel(result.valid)}` : 'Add users'}
            </Button>
          </Group>
        </Stack>
      )}
      <UnsavedChangesDialog unsaved={unsaved} />
    </Modal>
  );
}
