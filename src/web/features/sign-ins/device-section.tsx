import { Code, DataList, Group, Text } from '@mantine/core';
import type { SignIn } from '../../../contract/sign-ins';
import { DeviceIcon } from '../activity/device-icon';
import { deviceTypeLabels } from '../activity/device-label';
import { DetailItem } from './detail-item';
import { DetailSection } from './detail-section';
import { joinVersion } from './join-version';

/** The raw User-Agent and what the server made of it, or what the app reported about itself. */
export function DeviceSection({ signIn, appNames }: { signIn: SignIn; appNames: ReadonlyMap<string, string> }) {
  const { device } = signIn;
  const app = device.app ? (appNames.get(device.app) ?? device.app) : null;
  return (
    <DetailSection title="Device">
      <DataList labelWidth={130} size="sm">
        <DetailItem label="Type">
          <Group gap={6} wrap="nowrap">
            <DeviceIcon type={device.type} />
            <Text span size="sm">
              {deviceTypeLabels[device.type] ?? device.type}
            </Text>
          </Group>
        </DetailItem>
        <DetailItem label="Operating system">{joinVersion(device.os, device.osVersion)}</DetailItem>
        {signIn.client === 'console' || device.browser ? (
          <DetailItem label="Browser">{joinVersion(device.browser, device.browserVersion)}</DetailItem>
        ) : null}
        {signIn.client === 'app' && <DetailItem label="App">{joinVersion(app, device.appVersion)}</DetailItem>}
        {(device.name || signIn.client === 'app') && <DetailItem label="Device name">{device.name}</DetailItem>}
        {(device.deviceId || signIn.client === 'app') && (
          <DetailItem label="Device id">
            {device.deviceId && (
              <Text span size="sm" ff="monospace">
                {device.deviceId}
              </Text>
            )}
          </DetailItem>
        )}
      </DataList>
      <Text size="sm" fw={500} id="sign-in-user-agent-label">
        User agent
      </Text>
      {signIn.userAgent ? (
        <Code
          block
          aria-labelledby="sign-in-user-agent-label"
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
        >
          {signIn.userAgent}
        </Code>
      ) : (
        <Text size="sm" c="dimmed">
          None sent
        </Text>
      )}
    </DetailSection>
  );
}
