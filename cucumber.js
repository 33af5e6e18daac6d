// cucumber-js configuration (CommonJS; ts-node transpiles the step definitions).
// Only the step library is loaded (not the unit tests that sit beside its helpers).
module.exports = {
  default: {
    requireModule: ['ts-node/register/transpile-only'],
    require: [
      'steps/world.ts',
      'steps/hooks.ts',
      'steps/report_hooks.ts',
      'steps/parameter_types.ts',
      'steps/*_steps.ts',
    ],
    format: ['progress'],
    strict: true,
    worldParameters: { seed: 1 },
  },
};
