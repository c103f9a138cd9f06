import * as cvssModule from 'ae-cvss-calculator';
import type { Cvss } from './schema';

/**
 * Scores CVSS vectors with a maintained calculator (ae-cvss-calculator) instead of trusting a score a
 * scanner printed next to it. The calculator accepts partial vectors silently, so the base metrics are
 * checked first: a vector missing one is not scored at all.
 */

type Calculator = { calculateScores(): { base?: number } };
type CalculatorClass = new (vector: string) => Calculator;
type CvssLibrary = { Cvss2: CalculatorClass; Cvss3P0: CalculatorClass; Cvss3P1: CalculatorClass; Cvss4P0: CalculatorClass };

// The package is a webpack CommonJS bundle: under Node's ESM loader its classes hang off `default`.
const lib = ((cvssModule as unknown as { default?: CvssLibrary }).default ?? cvssModule) as unknown as CvssLibrary;

const V2 = /^(\(?AV:[LAN]\/AC:[HML]\/Au:[MSN]\/C:[NPC]\/I:[NPC]\/A:[NPC])(\/.*)?\)?$/;
const V3 = /^CVSS:3\.([01])\/(?=.*\bAV:[NALP]\b)(?=.*\bAC:[LH]\b)(?=.*\bPR:[NLH]\b)(?=.*\bUI:[NR]\b)(?=.*\bS:[UC]\b)(?=.*\bC:[HLN]\b)(?=.*\bI:[HLN]\b)(?=.*\bA:[HLN]\b)[A-Za-z:/]+$/;
const V4 =
  /^CVSS:4\.0\/(?=.*\bAV:[NALP]\b)(?=.*\bAC:[LH]\b)(?=.*\bAT:[NP]\b)(?=.*\bPR:[NLH]\b)(?=.*\bUI:[NPA]\b)(?=.*\bVC:[HLN]\b)(?=.*\bVI:[HLN]\b)(?=.*\bVA:[HLN]\b)(?=.*\bSC:[HLN]\b)(?=.*\bSI:[HLNS]\b)(?=.*\bSA:[HLNS]\b)[A-Za-z:/]+$/;

export type CvssVersion = Cvss['version'];

export function cvssVersionOf(vector: string): CvssVersion | undefined {
  const v = vector.trim();
  if (V4.test(v)) return '4.0';
  const v3 = V3.exec(v);
  if (v3) return v3[1] === '1' ? '3.1' : '3.0';
  if (V2.test(v)) return '2.0';
  return undefined;
}

/** Base score of a complete vector, or undefined when the vector is not a valid CVSS 2.0/3.0/3.1/4.0 vector. */
export function cvssBaseScore(vector: string): { version: CvssVersion; score: number } | undefined {
  const clean = vector.trim().replace(/^\((.*)\)$/, '$1');
  const version = cvssVersionOf(clean);
  if (!version) return undefined;
  const Class = { '2.0': lib.Cvss2, '3.0': lib.Cvss3P0, '3.1': lib.Cvss3P1, '4.0': lib.Cvss4P0 }[version];
  try {
    const base = new Class(clean).calculateScores().base;
    if (typeof base !== 'number' || !Number.isFinite(base) || base < 0 || base > 10) return undefined;
    return { version, score: Math.round(base * 10) / 10 };
  } catch {
    return undefined;
  }
}

/** A `Cvss` record from a vector (score computed, never copied from the report), or undefined. */
export function cvssFromVector(vector: string, source?: string): Cvss | undefined {
  const scored = cvssBaseScore(vector);
  if (!scored) return undefined;
  const clean = vector.trim().replace(/^\((.*)\)$/, '$1');
  return { version: scored.version, vector: clean, score: scored.score, ...(source ? { source } : {}) };
}
