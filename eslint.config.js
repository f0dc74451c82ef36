// Lint rules that keep the architecture honest (DESIGN §1): core/ is pure and its stages import
// only earlier stages; the renderer never reaches into the Electron main/preload/capture code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeOnly = ['node:*', 'fs', 'path', 'os', 'child_process', 'electron', 'react', 'react-dom'];
const stages = ['bytes', 'diagnostics', 'capture-file', 'decode', 'tcp', 'dissect', 'timeline', 'step'];

function laterStages(stage) {
  const i = stages.indexOf(stage);
  return stages.slice(i + 1).map((s) => `**/core/${s}/**`);
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-output/**', 'renderer/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'build/**/*.{mjs,cjs}', '*.cjs', 'test/fixtures/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: nodeOnly, message: 'core/ is pure TypeScript.' }] }],
    },
  },
  ...stages.map((stage) => ({
    files: [`core/${stage}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeOnly, message: 'core/ is pure TypeScript.' },
            ...(laterStages(stage).length
              ? [{ group: laterStages(stage).map((p) => p.replace('**/core/', '../**/')), message: `a stage imports only earlier stages (${stage})` }]
              : []),
          ],
        },
      ],
    },
  })),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/electron/main/**', '**/electron/preload/**', '**/electron/capture/**'], message: 'the renderer talks to the host only through renderer/services.' }] },
      ],
    },
  },
);
