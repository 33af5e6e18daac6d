// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

const wallTimeAndRandomness = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'engine/ uses the virtual clock (runtime.clock), never wall time.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'engine/ uses the virtual clock (runtime.clock), never wall time.',
  },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: 'engine/ uses the seeded PRNG (runtime.rand), never Math.random().',
  },
  {
    selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']",
    message: 'engine/ uses the virtual clock, never wall time.',
  },
  {
    selector: "CallExpression[callee.object.name='crypto']",
    message: 'engine/ uses the seeded PRNG, never crypto randomness.',
  },
];

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'eslint.config.js', 'cucumber.js', 'bin/**', 'scripts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...wallTimeAndRandomness],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'engine/ schedules on the virtual timer queue (runtime.after).' },
        { name: 'setInterval', message: 'engine/ schedules on the virtual timer queue (runtime.after).' },
        { name: 'setImmediate', message: 'engine/ schedules on the virtual timer queue (runtime.after).' },
      ],
    },
  },
);
