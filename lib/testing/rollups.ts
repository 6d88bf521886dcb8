import { transact } from "@/lib/db/statements";
import { type RollupIncrement, RollupSums } from "@/lib/db/usage";

/** Adds one call to its rollup rows, as its closing writes would, in a transaction of its own. */
export function addRollup(call: RollupIncrement): Promise<void> {
  return transact(function* () {
    const sums = new RollupSums();
    sums.add(call);
    yield* sums.write();
  });
}
