import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { serverSettings } from '../../src/settings';

function getter(values: Record<string, unknown>) {
  return <T>(key: string, fallback: T): T => (key in values ? (values[key] as T) : fallback);
}

test('defaults give the full shape the server reads', () => {
  assert.deepEqual(serverSettings(getter({}), '/ws'), {
    witsmith: { rules: {}, wit: { features: [], allFeatures: false, searchPaths: [] }, smithy: { modelPaths: [], mavenRepositories: [] } },
  });
});

test('settings are copied, checked and paths resolved against the folder', () => {
  const settings = serverSettings(getter({
    rules: { 'wit/unused-import': 'off', 'smithy/x': 'warning', bad: 'loud', n: 3 },
    'wit.features': ['fancy', '', 7],
    'wit.allFeatures': true,
    'wit.searchPaths': ['deps', '/abs/wit', '${workspaceFolder}/more'],
    'smithy.modelPaths': ['models/a.smithy'],
    'smithy.mavenRepositories': ['~/maven-repo', ''],
  }), '/ws');
  assert.deepEqual(settings.witsmith.rules, { 'wit/unused-import': 'off', 'smithy/x': 'warning' });
  assert.deepEqual(settings.witsmith.wit, { features: ['fancy'], allFeatures: true, searchPaths: ['/ws/deps', '/abs/wit', '/ws/more'] });
  assert.deepEqual(settings.witsmith.smithy.modelPaths, ['/ws/models/a.smithy']);
  assert.deepEqual(settings.witsmith.smithy.mavenRepositories, [path.join(os.homedir(), 'maven-repo')]);
});
