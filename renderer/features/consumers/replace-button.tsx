/** The row action that opens a token's Replace plan (next to Rotate). */
export function ReplaceButton({ onClick }: { onClick(): void }) {
  return (
    <button type="button" className="btn btn-small" onClick={onClick} title="Write a new token to everything that uses this one, then revoke it">
      Replace
    </button>
  );
}
