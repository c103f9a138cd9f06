import { RuleSchema, type SarifResult, type SarifRule, type SarifTool } from './schema';

/**
 * The rules of one run: `tool.driver.rules` and every `tool.extensions[].rules` (CodeQL puts its
 * query packs there). A result points at its rule by `rule.index` / `ruleIndex` within a tool
 * component (`rule.toolComponent`, else the driver), or by id.
 */
export class RuleIndex {
  /** Index 0 is the driver, i + 1 is extensions[i]. An invalid rule leaves a hole so indices stay right. */
  private readonly components: (SarifRule | undefined)[][];
  private readonly componentNames: string[];
  private readonly byId = new Map<string, SarifRule>();
  private readonly byMessage = new Map<string, SarifRule | undefined>();
  readonly invalidRules: number;

  constructor(tool: SarifTool) {
    let invalid = 0;
    const read = (rules: readonly unknown[] | undefined): (SarifRule | undefined)[] =>
      (rules ?? []).map((raw) => {
        const parsed = RuleSchema.safeParse(raw);
        if (!parsed.success) {
          invalid++;
          return undefined;
        }
        return parsed.data;
      });
    this.components = [read(tool.driver.rules), ...(tool.extensions ?? []).map((e) => read(e.rules))];
    this.componentNames = [tool.driver.name, ...(tool.extensions ?? []).map((e) => e.name)];
    this.invalidRules = invalid;
    for (const component of this.components) {
      for (const rule of component) if (rule && !this.byId.has(rule.id)) this.byId.set(rule.id, rule);
    }
  }

  private componentOf(result: SarifResult): number {
    const ref = result.rule?.toolComponent;
    if (ref?.index !== undefined) return ref.index + 1;
    if (ref?.name !== undefined) {
      const found = this.componentNames.indexOf(ref.name);
      return found >= 0 ? found : 0;
    }
    return 0;
  }

  resolve(result: SarifResult): SarifRule | undefined {
    const index = result.rule?.index ?? result.ruleIndex;
    if (index !== undefined && index >= 0) {
      const rule = this.components[this.componentOf(result)]?.[index];
      if (rule) return rule;
    }
    const id = result.ruleId ?? result.rule?.id;
    if (id === undefined) return undefined;
    const exact = this.byId.get(id);
    if (exact) return exact;
    // A hierarchical id ("CA2101/1") names a sub-rule of "CA2101" (SARIF §3.27.5).
    const slash = id.indexOf('/');
    return slash > 0 ? this.byId.get(id.slice(0, slash)) : undefined;
  }

  /**
   * For results that name no rule at all (gitleaks 7 SARIF): the rule whose id begins the
   * message ("AWS Access Key secret detected"), the longest such id.
   */
  ruleNamedByMessage(message: string | undefined): SarifRule | undefined {
    if (!message) return undefined;
    // Such reports repeat a handful of messages: remember each answer instead of rescanning the rules.
    if (this.byMessage.has(message)) return this.byMessage.get(message);
    let best: SarifRule | undefined;
    for (const [id, rule] of this.byId) {
      if (message.startsWith(id) && id.length > (best?.id.length ?? 0)) best = rule;
    }
    this.byMessage.set(message, best);
    return best;
  }
}
