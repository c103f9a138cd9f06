import type { BuildOptions } from 'esbuild';

export declare const bundleOptions: BuildOptions;
export interface BuildTarget {
  name: string;
  entryPoints: string[];
  outfile: string;
}
export declare function actionBundles(repositoryRoot: string, name: string): BuildTarget[];
export declare function extraBundles(repositoryRoot: string, actionDir: string): { file: string; entry: string }[];
export declare function actionTargets(): BuildTarget[];
export declare function localTargets(): BuildTarget[];
