from smedesk.ui.pages import MANIFEST, discovered_pages


def test_manifest_lists_every_page_module_as_it_defines_itself():
    modules = discovered_pages()
    listed = {module: (key, title, order, permission) for module, key, title, order, permission in MANIFEST}
    assert set(listed) == set(modules), "add new page modules to MANIFEST in smedesk/ui/pages/__init__.py"
    for module, page in modules.items():
        assert listed[module] == (page.key, page.title, page.order, page.permission), module
