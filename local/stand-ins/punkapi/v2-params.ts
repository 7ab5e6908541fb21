/**
 * Query and path validation of the original v2 server (express-validator 5, legacy API), reproduced with
 * its exact messages: see shared/punkapi/contract.md in the workspace (beside this repository), section "Query parameters".
 */
export interface ParamError {
  location: "query" | "params";
  param: string;
  msg: string;
  value: string;
}

// validator.js isInt (leading zeroes allowed) and isFloat, as express-validator 5 used them.
const isInt = (v: string, min: number, max = Infinity) => /^[-+]?\d+$/.test(v) && +v >= min && +v <= max;
const isFloat = (v: string, min: number) =>
  v !== "" && !/^[-+.]?$/.test(v) && /^[-+]?\d*\.?\d*([eE][-+]?\d+)?$/.test(v) && +v >= min;

const NUMBER_MSG = "Must be a number greater than 0";
const NOT_EMPTY_MSG = "Must have a value and if you are using multiple words use underscores to separate";

export function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function validateBeersQuery(query: URLSearchParams): ParamError[] {
  const errors: ParamError[] = [];
  const check = (param: string, ok: (v: string) => boolean, msg: string) => {
    const value = query.get(param);
    if (value !== null && !ok(value)) errors.push({ location: "query", param, msg, value });
  };
  check("page", (v) => isInt(v, 1), NUMBER_MSG);
  check("per_page", (v) => isInt(v, 1, 80), "Must be a number greater than 0 and less than 80");
  for (const p of ["abv_gt", "abv_lt", "ibu_gt", "ibu_lt", "ebc_gt", "ebc_lt"])
    check(p, (v) => isFloat(v, 0), NUMBER_MSG);
  for (const p of ["beer_name", "hops", "malt", "yeast", "food"])
    check(p, (v) => v.trim() !== "", NOT_EMPTY_MSG);
  return errors;
}

export function validateBeerId(raw: string): ParamError[] {
  return isInt(raw, 1)
    ? []
    : [
        {
          location: "params",
          param: "beerId",
          msg: "beerId must be a number and greater than 0",
          value: raw,
        },
      ];
}
