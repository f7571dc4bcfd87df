/** What a disputed item is, as the request parser reads it. */
export type RequestKind =
  | "drug"
  | "therapy"
  | "procedure"
  | "surgery"
  | "imaging"
  | "test"
  | "dme"
  | "program"
  | "service"
  | "visit"
  | "other";

export type Laterality = "left" | "right" | "bilateral";

export type Ingredient = { name: string; strength?: string; drugClass?: string };

/**
 * A disputed item normalized from the words people write ("Zanaflex 4mg #60 with 3 refills", "PT 2x6 lumbar").
 * Fields that the text does not state are absent; text the parser could not place is listed in `unparsed`.
 */
export type NormalizedRequest = {
  kind: RequestKind;
  text: string;
  /** Generic drug name, or the canonical name of the treatment ("physical therapy", "mri"). */
  name?: string;
  /** Same as name for drugs; kept for readers that expect `drug`. */
  drug?: string;
  brand?: string;
  drugClass?: string;
  strength?: string;
  form?: string;
  route?: "oral" | "topical" | "transdermal" | "injection" | "other";
  quantity?: number;
  quantityUnit?: string;
  refills?: number;
  sig?: string;
  dosesPerDay?: number;
  /** Days one fill lasts at the stated (or usual) dosing. */
  daysSupply?: number;
  /** Days covered by the first fill and all refills. */
  totalSupplyDays?: number;
  /** Oral morphine milligram equivalents a day at the stated (or usual) dosing, for drugs with a conversion factor. */
  mmePerDay?: number;
  ingredients?: Ingredient[];
  isCompound?: boolean;
  frequencyPerWeek?: number;
  weeks?: number;
  visits?: number;
  hoursPerDay?: number;
  daysPerWeek?: number;
  /** Hours of service a week: as written ("20 hours per week", "24/7") or hours a day × days a week. */
  hoursPerWeek?: number;
  /** Hours of a whole course or program ("x 80 hours"). */
  totalHours?: number;
  durationDays?: number;
  bodyParts?: string[];
  laterality?: Laterality;
  levels?: string[];
  modality?: string;
  contrast?: boolean;
  acquisition?: "rental" | "purchase";
  isRepeat?: boolean;
  isPostoperative?: boolean;
  unparsed: string[];
};

/** One drug in the vocabulary: generic name, brands, class and usual dosing. */
export type DrugTerm = {
  generic: string;
  brands: string[];
  aliases?: string[];
  drugClass: string;
  /** Doses a day at usual dosing, to turn a quantity into days of supply when no sig is written. */
  usualDosesPerDay?: number;
  /** Morphine milligram equivalents per mg (opioids); for a strength written per hour (patches, mcg/hr), per unit of that hourly rate. */
  mmeFactor?: number;
  topical?: boolean;
  /**
   * Usual dosing of the drug's extended-release forms when it differs from `usualDosesPerDay` ("tramadol ER" once a
   * day against four times for the immediate-release tablet), and brands that are extended-release though their names
   * do not say so.
   */
  extendedRelease?: { dosesPerDay: number; brands?: string[] };
};

export type DrugVocabulary = { drugs: DrugTerm[] };
