import { tableClasses } from "./table-classes";

/** The header row of a data table: one column header per name. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead className={tableClasses.head}>
      <tr>
        {columns.map((h) => (
          <th key={h} scope="col" className={tableClasses.th}>
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
