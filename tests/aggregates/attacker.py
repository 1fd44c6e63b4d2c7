"""An attacker's tools: solve the published figures' sums for a hidden one, exactly.

Every published table satisfies parent = Σ children along each line. Given the visible values,
a hidden cell's value is recoverable exactly when its unit vector lies in the row space of the
relations restricted to the hidden cells; Gauss-Jordan elimination over the rationals decides
that (in reduced row echelon form, the hidden cell must be a pivot whose row has no other
entry). recover() also returns the value, so a test can show that an attack works when
protection is turned off.
"""

from fractions import Fraction


def recover(relations, known: dict, hidden: set) -> dict:
    """Hidden cells whose value the known values determine, with that value."""
    rows = []
    for parent, children in relations:
        row, constant = {}, Fraction(0)
        for cell, sign in [(parent, 1)] + [(child, -1) for child in children]:
            if cell in hidden:
                row[cell] = row.get(cell, 0) + sign
            else:
                constant -= sign * known.get(cell, 0)
        row = {cell: Fraction(v) for cell, v in row.items() if v}
        if row:
            rows.append((row, constant))
    pivots = _reduce(rows)
    found = {}
    for cell, (row, constant) in pivots.items():
        if len(row) == 1:
            found[cell] = constant
    return found


def _reduce(rows):
    """Gauss-Jordan elimination on sparse rows; returns pivot cell → (row, constant)."""
    pivots: dict = {}
    for row, constant in rows:
        row = dict(row)
        for cell in [c for c in row if c in pivots]:
            _subtract(row, constant_box := [constant], pivots[cell], row.get(cell, 0))
            constant = constant_box[0]
        row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        cell = min(row, key=repr)
        lead = row[cell]
        row = {c: v / lead for c, v in row.items()}
        constant /= lead
        for other, (other_row, other_constant) in list(pivots.items()):
            factor = other_row.get(cell, 0)
            if factor:
                box = [other_constant]
                _subtract(other_row, box, (row, constant), factor)
                pivots[other] = ({c: v for c, v in other_row.items() if v}, box[0])
        pivots[cell] = (row, constant)
    return pivots


def _subtract(row, constant_box, pivot, factor):
    """row -= factor * pivot row (in place), and the same on the constant."""
    pivot_row, pivot_constant = pivot
    for c, v in pivot_row.items():
        row[c] = row.get(c, 0) - factor * v
    constant_box[0] -= factor * pivot_constant
