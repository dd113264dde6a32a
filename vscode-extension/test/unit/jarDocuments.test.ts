// The client declares that it can show the server's read-only `witsmith-jar:` documents,
// keeping any experimental capabilities already there.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClientCapabilities } from 'vscode-languageclient/node';
import { JAR_SCHEME, JarDocumentsFeature } from '../../src/jarDocuments';

test('declares the jarDocuments experimental capability', () => {
  const capabilities: ClientCapabilities = { experimental: { other: 1, witsmith: { keep: true } } };
  new JarDocumentsFeature().fillClientCapabilities(capabilities);
  assert.deepEqual(capabilities.experimental, { other: 1, witsmith: { keep: true, jarDocuments: true } });
  assert.equal(JAR_SCHEME, 'witsmith-jar');
});

test('creates the experimental section when there is none', () => {
  const capabilities: ClientCapabilities = {};
  new JarDocumentsFeature().fillClientCapabilities(capabilities);
  assert.deepEqual(capabilities.experimental, { witsmith: { jarDocuments: true } });
});
