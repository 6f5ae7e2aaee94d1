"""What the workshop makes and how: catalogue (materials, products, bills of
materials, routings), costing, what-if and cost sheets."""
