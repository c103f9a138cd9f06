import type { MachineInfo } from './harness/machine-info';
import type { TargetCheck } from './harness/targets';
import type { ColdStartRow } from './suites/cold-start';
import type { DemoRow } from './suites/demo-share';
import type { ThroughputRow } from './suites/throughput';

/** Everything one bench run measured. */
export interface BenchResults {
  command: string;
  /** The commit measured (with "+changes" when the worktree differed from it). */
  commit?: string;
  quick: boolean;
  rounds: { coldStart: number; throughput: number; demo: number };
  machine: MachineInfo;
  coldStart: ColdStartRow[];
  throughput: ThroughputRow[];
  demo?: DemoRow;
  targets: TargetCheck[];
  notes: string[];
}
