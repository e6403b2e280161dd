/** Unified diff (3 lines of context) between two texts, headed --- a/label +++ b/label; '' when equal. */
export function unifiedDiff(_before: string, _after: string, _label: string): string {
  throw new Error('unifiedDiff is not implemented yet');
}
