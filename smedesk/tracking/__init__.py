"""Order tracking: orders and their release, barcode labels, scans at the station,
progress, the delivery forecast, actual times and piece-rate pay."""
