"""The plan's steps as the export-promotion programmes teach them, with help in
plain Spanish, and the starting texts of the garments, furniture and blank
templates (in Spanish and in English, for the buyer's copy)."""

from __future__ import annotations

from dataclasses import dataclass

from smedesk.core.i18n import N_

TEMPLATES = ("garments", "furniture", "blank")
TEMPLATE_NAMES = {
    "garments": N_("Garments"),
    "furniture": N_("Timber and furniture"),
    "blank": N_("Blank"),
}


@dataclass(frozen=True)
class Step:
    """One step of the guided editor. Attributes: key, title, help (plain
    Spanish once translated), texts: the free-text fields of the step as
    (key, label) pairs; each also has an English twin `<key>_en`."""

    key: str
    title: str
    help: str
    texts: tuple[tuple[str, str], ...] = ()


STEPS = (
    Step("company", N_("1. The company"), N_(
        "Tell the buyer who you are: since when you work, what you make, who is in the team. "
        "Enter how many people make the product and how many hours each works in a month: "
        "smedesk works out how many units you can make per month."),
        (("history", N_("History")), ("team", N_("Team")))),
    Step("product", N_("2. The product"), N_(
        "Choose the product from your catalogue. Its description, tariff code (subpartida "
        "nacional, 10 digits), photo and real unit cost come from there. If something is "
        "missing, complete it in the Catalogue and Costs pages."),
        (("product_notes", N_("What makes it special")),)),
    Step("markets", N_("3. Target market"), N_(
        "Which country will you sell to, and why that one? Who buys there (shops, importers, "
        "people on the internet)? What do they require: labels, sizes, certificates such as "
        "FSC for timber? Is there a trade agreement that lowers the import duty?"),
        (("market_why", N_("Why this market")), ("buyer_profile", N_("Buyer profile")),
         ("requirements", N_("Requirements (labels, sizes, certificates)")),
         ("tariff_preferences", N_("Tariff preferences")))),
    Step("price", N_("4. Export price"), N_(
        "Enter what each part of the trip costs. The price grows step by step: at the workshop "
        "(EXW), handed to the carrier (FCA), on board the ship (FOB), with the freight paid (CFR) "
        "and with insurance (CIF). The drawback refund is shown apart: it is not part of the price."),
        ()),
    Step("promotion", N_("5. Promotion"), N_(
        "How will buyers get to know you? Trade fairs, the export marketplace, a catalogue in "
        "English, samples sent by courier."),
        (("fairs", N_("Fairs")), ("marketplace", N_("Marketplace")),
         ("catalogue", N_("Catalogue")), ("samples", N_("Samples")))),
    Step("distribution", N_("6. Distribution"), N_(
        "Who takes the goods to the buyer? Say the channel (importer, distributor, direct to "
        "the shop) and how the goods travel: by post (Exporta Fácil), by air or by sea."),
        (("channel", N_("Channel")), ("logistics", N_("Logistics")))),
    Step("actions", N_("7. Action plan"), N_(
        "Write what has to be done, who does it and by which date. One line per task."),
        ()),
    Step("budget", N_("8. Budget"), N_(
        "How much money the plan needs: samples, fairs, certificates, catalogue, travel."),
        ()),
)

STEP_KEYS = tuple(s.key for s in STEPS)
TEXT_KEYS = tuple(key for s in STEPS for key, _label in s.texts)


def all_text_keys() -> tuple[str, ...]:
    return TEXT_KEYS + tuple(f"{k}_en" for k in TEXT_KEYS)


_GARMENTS = {
    "history": ("Taller de confección en Gamarra con años de experiencia en prendas de tejido de punto de algodón peruano.",
                "Garment workshop in Gamarra, Lima, with years of experience in knitted garments of Peruvian cotton."),
    "team": ("Costureras con experiencia en remalle, recubierto y acabado; la dueña dirige la producción y las ventas.",
             "Experienced seamstresses for overlock, coverstitch and finishing; the owner runs production and sales."),
    "product_notes": ("Algodón peruano de fibra larga, suave y durable; acabado cuidado y tallas estables después del lavado.",
                      "Long-staple Peruvian cotton, soft and durable; careful finishing and sizes that hold after washing."),
    "market_why": ("Acuerdo comercial vigente, cercanía y demanda de prendas de algodón de calidad.",
                   "A trade agreement in force, short distance and demand for quality cotton garments."),
    "buyer_profile": ("Tiendas de ropa y marcas pequeñas que compran lotes de 200 a 1 000 prendas.",
                      "Clothing shops and small brands buying lots of 200 to 1,000 garments."),
    "requirements": ("Etiqueta con composición, país de origen, tallas y cuidados en el idioma del país de destino; tabla de tallas.",
                     "Label with fibre content, country of origin, size and care instructions in the destination's language; size chart."),
    "tariff_preferences": ("Revisar el arancel preferencial con el certificado de origen del acuerdo comercial.",
                           "Check the preferential duty with the trade agreement's certificate of origin."),
    "fairs": ("Participar en una feria de moda con el apoyo de los programas de promoción de exportaciones.",
              "Take part in a fashion fair with the support of the export-promotion programmes."),
    "marketplace": ("Publicar el catálogo en el marketplace de exportación y responder pedidos de cotización.",
                    "Publish the catalogue on the export marketplace and answer requests for quotation."),
    "catalogue": ("Catálogo en español e inglés con fotos, tallas, colores y precio FOB.",
                  "Catalogue in Spanish and English with photos, sizes, colours and FOB price."),
    "samples": ("Enviar muestras por courier a los compradores interesados.",
                "Send samples by courier to interested buyers."),
    "channel": ("Importador o tienda que compra directamente al taller.",
                "An importer or shop buying directly from the workshop."),
    "logistics": ("Pedidos pequeños por Exporta Fácil (envío postal); lotes mayores por carga aérea.",
                  "Small orders through Exporta Fácil (postal export); larger lots by air cargo."),
}

_FURNITURE = {
    "history": ("Taller de carpintería en Villa El Salvador que fabrica muebles de madera tropical sólida.",
                "Woodworking shop in Villa El Salvador making furniture of solid tropical timber."),
    "team": ("Carpinteros y ebanistas con experiencia en cortes, ensamble, lijado y acabado.",
             "Carpenters and cabinet makers experienced in cutting, joinery, sanding and finishing."),
    "product_notes": ("Madera tropical de origen legal, secada y trabajada a mano; diseño sencillo y resistente.",
                      "Legally sourced tropical timber, dried and worked by hand; simple and sturdy design."),
    "market_why": ("Mercado grande que valora la madera sólida y el trabajo artesanal; acuerdo comercial vigente.",
                   "A large market that values solid wood and craftsmanship; a trade agreement in force."),
    "buyer_profile": ("Importadores de muebles, tiendas de decoración y restaurantes.",
                      "Furniture importers, home-decor shops and restaurants."),
    "requirements": ("Madera de origen legal con guía de transporte forestal; certificación FSC si el comprador la pide; "
                     "tratamiento fitosanitario del embalaje (NIMF 15).",
                     "Legally sourced timber with forestry transport permit; FSC certification when the buyer asks for it; "
                     "phytosanitary treatment of the packing (ISPM 15)."),
    "tariff_preferences": ("Revisar el arancel preferencial con el certificado de origen del acuerdo comercial.",
                           "Check the preferential duty with the trade agreement's certificate of origin."),
    "fairs": ("Participar en una feria de muebles y decoración.", "Take part in a furniture and home-decor fair."),
    "marketplace": ("Publicar el catálogo en el marketplace de exportación.",
                    "Publish the catalogue on the export marketplace."),
    "catalogue": ("Catálogo con fotos, medidas, madera usada y precio FOB.",
                  "Catalogue with photos, dimensions, timber species and FOB price."),
    "samples": ("Enviar una pieza de muestra o muestras de acabado.", "Send a sample piece or finish samples."),
    "channel": ("Importador o distribuidor de muebles.", "A furniture importer or distributor."),
    "logistics": ("Muebles desarmados en cajas, consolidados en contenedor por vía marítima.",
                  "Knock-down furniture in cartons, consolidated in a container by sea."),
}


def starting_texts(template: str) -> dict[str, str]:
    """The texts a new plan starts with: Spanish under each key, English under `<key>_en`."""
    source = {"garments": _GARMENTS, "furniture": _FURNITURE}.get(template, {})
    texts = {key: "" for key in all_text_keys()}
    for key, (es, en) in source.items():
        texts[key] = es
        texts[f"{key}_en"] = en
    return texts
