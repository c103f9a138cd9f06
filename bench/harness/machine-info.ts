import { cpus, loadavg, totalmem, platform, release } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  date: string;
  /** 1-minute load average when the bench started and ended: other work on the machine shows here. */
  loadAverage: { start: number; end?: number };
}

export function machineInfo(now = new Date()): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() || 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()}`,
    date: now.toISOString(),
    loadAverage: { start: Math.round(loadavg()[0]! * 100) / 100 },
  };
}

export function finishMachineInfo(info: MachineInfo): MachineInfo {
  return { ...info, loadAverage: { ...info.loadAverage, end: Math.round(loadavg()[0]! * 100) / 100 } };
}
