export interface Problem {
  path: string;
  message: string;
}

/** Validation problems as text (never markup): each JSON path, then the sentence. */
export function ProblemList({ heading, problems }: { heading: string; problems: Problem[] }) {
  return (
    <div role="alert" className="problems" data-cloudexit="pack-problems">
      <p>{heading}</p>
      <ul>
        {problems.map((problem, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
          <li key={index}>
            {problem.path && <code>{problem.path}</code>} {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
