// Models read from jars (Smithy's Maven dependencies) have no file to open: the server
// gives their locations as read-only `witsmith-jar:` documents, and their text through
// the request `witsmith/jarFileContents`, to clients that say they can show them.
import type { ClientCapabilities, FeatureState, StaticFeature } from 'vscode-languageclient/node';

export const JAR_SCHEME = 'witsmith-jar';
export const JAR_FILE_CONTENTS = 'witsmith/jarFileContents';

/** Declares the experimental client capability `{"witsmith": {"jarDocuments": true}}`. */
export class JarDocumentsFeature implements StaticFeature {
  fillClientCapabilities(capabilities: ClientCapabilities): void {
    const experimental = (capabilities.experimental ?? {}) as Record<string, unknown>;
    const own = (experimental.witsmith ?? {}) as Record<string, unknown>;
    experimental.witsmith = { ...own, jarDocuments: true };
    capabilities.experimental = experimental;
  }

  initialize(): void {}

  getState(): FeatureState {
    return { kind: 'static' };
  }

  clear(): void {}
}
