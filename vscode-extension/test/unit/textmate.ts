// Tokenizes sample files with our TextMate grammars (vscode-textmate and
// vscode-oniguruma, the engine VS Code uses) and checks scope assertions
// written in the samples.
//
// An assertion line starts with `#` and has carets under the columns of the
// source line above it (the `#` counts as column 0 when `^` follows it at
// once), then the scopes every token under the carets must have; a scope
// after `-` must not be there:
//
//     structure Foo {
//     #^^^^^^^^ storage.type.structure.smithy
//     #         ^^^ entity.name.type.smithy - storage
//
// `#<` asserts column 0 alone. Assertion lines are removed before tokenizing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = path.join(__dirname, '..', '..');

/** A stand-in for VS Code's Markdown grammar: `**bold**` and `` `code` `` are enough to see the embedding. */
const MARKDOWN_STUB = {
  scopeName: 'text.html.markdown',
  patterns: [{ include: '#inline' }],
  repository: {
    inline: {
      patterns: [
        { match: '\\*\\*[^*]+\\*\\*', name: 'markup.bold.markdown' },
        { match: '`[^`]+`', name: 'markup.inline.raw.string.markdown' },
        { match: '(?<!\\*)\\*[^*]+\\*(?!\\*)', name: 'markup.italic.markdown' },
      ],
    },
  },
};

let registry: vsctm.Registry | undefined;

function getRegistry(): vsctm.Registry {
  if (registry) {
    return registry;
  }
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  }));
  registry = new vsctm.Registry({
    onigLib,
    loadGrammar: async (scopeName) => {
      if (scopeName === 'text.html.markdown') {
        return vsctm.parseRawGrammar(JSON.stringify(MARKDOWN_STUB), 'markdown.json');
      }
      const lang = { 'source.smithy': 'smithy', 'source.wit': 'wit', 'source.witsmith-tree': 'tree' }[scopeName];
      if (!lang) {
        return null;
      }
      const file = path.join(root, 'syntaxes', `${lang}.tmLanguage.json`);
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  return registry;
}

export interface Token {
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

export async function tokenize(scopeName: string, text: string): Promise<Token[][]> {
  const grammar = await getRegistry().loadGrammar(scopeName);
  if (!grammar) {
    throw new Error(`no grammar for ${scopeName}`);
  }
  let state = vsctm.INITIAL;
  const lines = text.split(/\r?\n/);
  return lines.map((line, index) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ line: index, start: t.startIndex, end: Math.min(t.endIndex, line.length), text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the token at a column. */
export function scopesAt(lines: Token[][], line: number, column: number): string[] {
  const token = lines[line]?.find((t) => t.start <= column && column < Math.max(t.end, t.start + 1));
  return token?.scopes ?? [];
}

interface Assertion {
  sampleLine: number; // 1-based line in the sample file, for messages
  line: number; // 0-based line in the tokenized text
  columns: number[];
  has: string[];
  hasNot: string[];
}

export function parseSample(sample: string): { text: string; assertions: Assertion[] } {
  const source: string[] = [];
  const assertions: Assertion[] = [];
  sample.split(/\r?\n/).forEach((raw, index) => {
    if (!/^#(\^|<| +\^)/.test(raw)) {
      source.push(raw);
      return;
    }
    const columns: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === '^' || (i === 0 && (raw[1] === '^' || raw[1] === '<'))) {
        columns.push(i);
      }
    }
    const rest = raw.replace(/^#<?[\^ ]*/, '').trim();
    const [hasPart, hasNotPart = ''] = rest.split(/\s+-\s+/);
    assertions.push({
      sampleLine: index + 1,
      line: source.length - 1,
      columns,
      has: hasPart.split(/\s+/).filter(Boolean),
      hasNot: hasNotPart.split(/\s+/).filter(Boolean),
    });
  });
  return { text: source.join('\n'), assertions };
}

/** Checks a sample's assertions; returns one message per failure. */
export async function checkSample(scopeName: string, file: string): Promise<{ failures: string[]; count: number }> {
  const { text, assertions } = parseSample(fs.readFileSync(file, 'utf8'));
  const lines = await tokenize(scopeName, text);
  const sourceLines = text.split('\n');
  const failures: string[] = [];
  for (const a of assertions) {
    for (const column of a.columns) {
      const scopes = scopesAt(lines, a.line, column);
      const missing = a.has.filter((s) => !scopes.some((x) => x === s || x.startsWith(`${s}.`)));
      const unwanted = a.hasNot.filter((s) => scopes.some((x) => x === s || x.startsWith(`${s}.`)));
      if (missing.length || unwanted.length) {
        failures.push(`${path.basename(file)}:${a.sampleLine}: column ${column} of ${JSON.stringify(sourceLines[a.line])}` +
          `${missing.length ? ` lacks ${missing.join(' ')}` : ''}${unwanted.length ? ` has ${unwanted.join(' ')}` : ''}; scopes: ${scopes.join(' ')}`);
        break;
      }
    }
  }
  return { failures, count: assertions.length };
}
