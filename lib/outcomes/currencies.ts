/** ISO 4217 codes this runtime knows (Intl's list), so a typo such as "EUO" is refused, not stored. */
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

export function isCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}

export function currencyCodes(): string[] {
  return [...CURRENCIES];
}

/** Decimal places the currency uses (JPY 0, EUR 2, KWD 3): an amount with more is refused. */
export function currencyDigits(code: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** "EUR 1,234.50": amounts are shown per currency, never converted. */
export function formatAmount(amount: number | string, currency: string): string {
  const value = Number(amount);
  return `${currency} ${value.toLocaleString("en", { minimumFractionDigits: 0, maximumFractionDigits: 4 })}`;
}
