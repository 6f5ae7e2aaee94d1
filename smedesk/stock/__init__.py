"""Materials and products on hand: immutable dated movements, their weighted
average cost, what open orders need, what to buy, and shortage warnings."""
