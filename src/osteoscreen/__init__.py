"""osteoscreen: an educational, non-diagnostic osteoporosis risk-factor questionnaire.

The pure core (no Streamlit): rule-file models and loader, the engine, the
summary builder, exports and the command line. `osteoscreen.ui` is the only
package that imports Streamlit.
"""

__version__ = "0.1.0"
