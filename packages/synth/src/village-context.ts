import { PID_PROVINCES, type PidProvince } from "@roster/rules";
import { kinhStyle } from "./kinh-names";
import { MINORITY_STYLES } from "./minority-names";
import type { NamingStyle } from "./naming";
import type { ProblemShares } from "./problems";
import { weighted, type Random } from "./random";
import type { RegionProfile } from "./regions";

/** Numbers that must stay unique across every village of one commune. */
export interface UsedNumbers {
  readonly pids: Set<string>;
  /** The 10-digit social-insurance part of health-insurance numbers. */
  readonly bhyt: Set<string>;
}

/** Everything the generator needs to fill one village roster. */
export interface VillageContext {
  readonly rng: Random;
  readonly asOf: string;
  readonly villageName: string;
  readonly profile: RegionProfile;
  /** The province the commune is in: most births were registered there. */
  readonly province: PidProvince;
  readonly primarySchools: readonly string[];
  readonly secondarySchools: readonly string[];
  readonly shares: ProblemShares;
  readonly used: UsedNumbers;
  readonly drawEthnicity: (rng: Random) => string;
  readonly namingFor: (ethnicity: string) => NamingStyle;
}

export interface VillageSettings {
  readonly rng: Random;
  readonly asOf: string;
  readonly villageName: string;
  readonly profile: RegionProfile;
  readonly province: PidProvince;
  readonly primarySchools: readonly string[];
  readonly secondarySchools: readonly string[];
  readonly shares: ProblemShares;
  readonly used: UsedNumbers;
}

/** Builds the context of one village: its ethnic mix and naming styles come from the profile. */
export function createVillageContext(settings: VillageSettings): VillageContext {
  const kinh = kinhStyle(settings.profile.nameRegion);
  return {
    ...settings,
    drawEthnicity: weighted(settings.profile.ethnicities),
    namingFor: (ethnicity) => MINORITY_STYLES[ethnicity] ?? kinh,
  };
}

/** The province row for a 3-digit code of the personal ID number.
 * @throws RangeError for a code that is not one of the 63. */
export function provinceByCode(code: string): PidProvince {
  const row = PID_PROVINCES.find((p) => p.code === code);
  if (!row) throw new RangeError(`not a province code of the ID number: ${code}`);
  return row;
}

/** Where a person's birth was registered: mostly the commune's province, sometimes elsewhere
 * (families move for work; the number keeps the province of birth registration). */
export function birthProvince(ctx: VillageContext, homeShare: number): string {
  return ctx.rng.chance(homeShare) ? ctx.province.code : ctx.rng.pick(PID_PROVINCES).code;
}
