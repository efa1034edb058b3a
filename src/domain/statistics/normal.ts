// The standard normal distribution (cumulative distribution, upper tail, quantile) and the upper tail of the
// chi-square distribution with one degree of freedom, for confidence intervals and p-values.

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** The standard normal density φ(z) = exp(−z²/2)/√(2π). */
export function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

// Below this |z| the Taylor series is used, at or above it the continued fraction.
const SERIES_LIMIT = 3;

/**
 * Marsaglia's (2004, "Evaluating the normal distribution", J Stat Softw 11(4)) Taylor series:
 * Φ(z) = ½ + φ(z)·(z + z³/3 + z⁵/(3·5) + …). Absolute error near machine precision for |z| < 3.
 */
function centralSeries(z: number): number {
  let term = z;
  let sum = z;
  const z2 = z * z;
  for (let k = 3; k < 200; k += 2) {
    term *= z2 / k;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return 0.5 + normalDensity(z) * sum;
}

/**
 * Laplace's continued fraction for the Mills ratio (Abramowitz and Stegun 26.2.14):
 * Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))), for x ≥ 3, evaluated by the modified Lentz method.
 * Keeps full relative precision far into the tail.
 */
function upperTailFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    d = x + k * d;
    d = d === 0 ? tiny : d;
    c = x + k / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return normalDensity(x) / f;
}

/**
 * Φ(z), the standard normal cumulative distribution function: P(Z ≤ z).
 * Marsaglia's (2004) Taylor series for |z| < 3 and the Laplace continued fraction (Abramowitz and Stegun 26.2.14)
 * beyond; accurate to about 1e-15 absolute, and in relative terms in the lower tail. ±Infinity give 0 and 1.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normalCdf needs a number, not NaN');
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  if (Math.abs(z) < SERIES_LIMIT) return centralSeries(z);
  const tail = upperTailFraction(Math.abs(z));
  return z < 0 ? tail : 1 - tail;
}

/**
 * Q(z) = 1 − Φ(z) = P(Z > z), the upper tail of the standard normal, computed without cancellation so that
 * small tail probabilities (e.g. Q(10) ≈ 7.6e-24) keep their relative precision.
 */
export function normalSf(z: number): number {
  return normalCdf(-z);
}

// Acklam's rational approximations (P. J. Acklam, "An algorithm for computing the inverse normal cumulative
// distribution function", 2003): relative error below 1.15e-9 before refinement.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239] as const;
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const;
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;
const P_LOW = 0.02425;

function acklam(p: number): number {
  if (p < P_LOW || p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p < P_LOW ? p : 1 - p));
    const x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    return p < P_LOW ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/**
 * The standard normal quantile Φ⁻¹(p): the z with P(Z ≤ z) = p, e.g. 1.959964 for p = 0.975.
 * Acklam's (2003) algorithm refined by one step of Halley's method against normalCdf, as Acklam recommends,
 * giving close to full double precision. p = 0 and p = 1 give −Infinity and +Infinity; p outside [0, 1] throws.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`A probability must lie in [0, 1]: ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const x = acklam(p);
  // Halley step on the tail nearer to p, so that the error e = Φ(x) − p keeps its precision.
  const e = x <= 0 ? normalCdf(x) - p : (1 - p) - normalSf(x);
  const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
  return x - u / (1 + (x * u) / 2);
}

/**
 * The two-sided critical value z for a confidence level, e.g. 1.959964 for 0.95: Φ⁻¹(1 − (1 − confidence)/2).
 * The confidence level must lie strictly between 0 and 1.
 */
export function criticalValue(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`A confidence level must lie strictly between 0 and 1: ${confidence}`);
  return normalQuantile(1 - (1 - confidence) / 2);
}

/**
 * P(X > x) for X chi-square with one degree of freedom: 2·Q(√x), since X is the square of a standard normal.
 * x ≤ 0 gives 1; NaN throws.
 */
export function chiSquare1Sf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('chiSquare1Sf needs a number, not NaN');
  if (x <= 0) return 1;
  return 2 * normalSf(Math.sqrt(x));
}
