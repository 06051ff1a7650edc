/** On a token row: "Used by 2 apps, 1 file" and the list of consumers (one item each). */
import { consumerName, usedByLabel, type Consumer } from '../../../shared/domain/consumers.js';

function Item({ c }: { c: Consumer }) {
  return (
    <li className="used-by-item">
      <span className="used-by-where">{consumerName(c)}</span> <span className="mono used-by-var">{c.varName}</span>
      {c.match === 'likely' && (
        <span className="badge" title="Matched by the first and last characters Heroku shows; this app does not hold the token">
          likely
        </span>
      )}
    </li>
  );
}

/** The consumers of one token; nothing when none is known. */
export function UsedBy({ consumers }: { consumers: Consumer[] }) {
  const label = usedByLabel(consumers);
  if (!label) return null;
  return (
    <div className="used-by">
      <span className="used-by-label">{label}</span>
      <ul className="used-by-list" aria-label="Used by">
        {consumers.map((c) => (
          <Item key={c.key} c={c} />
        ))}
      </ul>
    </div>
  );
}
