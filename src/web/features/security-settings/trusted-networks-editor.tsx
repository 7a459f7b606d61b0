import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { newRowKey, type SecurityDraft, type SecurityErrors } from './security-draft';

/** The server's bound on the list (SecuritySettingsSchema). */
const MAX_NETWORKS = 100;

interface TrustedNetworksEditorProps {
  rows: SecurityDraft['trustedNetworks'];
  onChange: (rows: SecurityDraft['trustedNetworks']) => void;
  errors: SecurityErrors;
}

/** Office networks, one row each (address or CIDR, and what it is); sign-ins from them raise no location flag. */
export function TrustedNetworksEditor({ rows, onChange, errors }: TrustedNetworksEditorProps) {
  const update = (index: number, patch: Partial<{ cidr: string; label: string }>) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <Stack gap="sm">
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No trusted network: every address is judged on its own.
        </Text>
      )}
      {rows.map((row, index) => (
        <Group key={row.key} align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={`Network ${index + 1}: address or CIDR`}
            placeholder="203.0.113.0/24"
            value={row.cidr}
            onChange={(event) => update(index, { cidr: event.currentTarget.value })}
            error={errors[`trustedNetworks.${index}.cidr`]}
            maxLength={64}
            style={{ flex: '1 1 200px' }}
            autoComplete="off"
          />
          <TextInput
            label={`Network ${index + 1}: label`}
            placeholder="Head office"
            value={row.label}
            onChange={(event) => update(index, { label: event.currentTarget.value })}
            error={errors[`trustedNetworks.${index}.label`]}
            maxLength={100}
            style={{ flex: '1 1 200px' }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            mt={25}
            aria-label={`Remove network ${index + 1}${row.cidr ? ` (${row.cidr})` : ''}`}
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          disabled={rows.length >= MAX_NETWORKS}
          onClick={() => onChange([...rows, { key: newRowKey(), cidr: '', label: '' }])}
        >
          Add a network
        </Button>
      </Group>
    </Stack>
  );
}
