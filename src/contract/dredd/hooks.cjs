// Dredd hook file. Dredd loads it in the runner's own process (its "nodejs" hooks language), so it
// only forwards each hook to the engine that the specwright contract runner registered for this run.
// It must stay CommonJS: dredd requires hook files, and a .js file in this ESM package is skipped.
const hooks = require("hooks");

const bridge = globalThis[Symbol.for("specwright.contract.bridge")];
if (!bridge) {
  throw new Error("specwright: these dredd hooks run only under the specwright contract runner (npm run contract).");
}

function forward(step) {
  return (transaction, done) => {
    bridge[step](transaction).then(
      () => done(),
      (error) => {
        transaction.fail = `${step}: ${error?.message ? error.message : String(error)}`;
        done();
      },
    );
  };
}

hooks.beforeAll((transactions, done) => {
  bridge.beforeAll(transactions).then(() => done(), done);
});
hooks.beforeEach(forward("beforeEach"));
hooks.afterEach(forward("afterEach"));
