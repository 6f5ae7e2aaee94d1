"""What the workshop makes and how: catalogue (materials, products, bills of
materials, routings), costing, orders, worksheets and shop-floor tracking."""
