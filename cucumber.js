// cucumber-js configuration (CommonJS; ts-node transpiles the step definitions).
module.exports = {
  default: {
    requireModule: ['ts-node/register/transpile-only'],
    require: ['steps/**/*.ts'],
    paths: ['features/**/*.feature'],
    format: ['progress'],
    worldParameters: { seed: 1 },
  },
};
